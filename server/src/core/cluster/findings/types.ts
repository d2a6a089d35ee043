import type { Finding } from '../../finding';

/** A finding of the simulation, in a file (the manifest's file name as the simulation knows it). */
export interface SimulationFinding extends Finding {
  file: string;
}
