import type { Finding } from '../finding';
import type { JsonPath } from '../yaml/nodeAt';
import type { Range } from '../text/lineIndex';
import type { Obj } from '../model/obj';

/** A file of the workspace (or a cluster file) as the simulator reads it. */
export interface ManifestFile {
  file: string;
  text: string;
}

/** One object of a manifest, with where it was written: every event and diagnostic points back here. */
export interface Manifest {
  object: Obj & { apiVersion: string; kind: string };
  file: string;
  /** The range of its `kind` value: where a whole-object finding goes. */
  range: Range;
  /** The range of a path of the object (its value if scalar, else its key), for precise findings. */
  locate(path: JsonPath): Range;
  /** The first error the checks report in its document: the API server refuses the object. */
  invalid?: Finding;
}
