import { createHash } from 'node:crypto';

/**
 * A flow's hash (k8s.io/apiserver v0.35.7 pkg/util/flowcontrol/apf_controller.go hashFlowID): the
 * first 8 bytes, little-endian, of SHA-256 over the FlowSchema's name, a zero byte and the distinguisher.
 */
export function hashFlowID(fsName: string, distinguisher: string): bigint {
  const sum = createHash('sha256').update(fsName).update(Buffer.from([0])).update(distinguisher).digest();
  return sum.readBigUInt64LE(0);
}
