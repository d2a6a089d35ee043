import { obj, type Obj } from '../model/obj';
import type { SourceRef } from './events';
import { uidOf } from './names';

/** `Kind/namespace/name`, or `Kind/name` for cluster-scoped objects: how events name objects. */
export const objectRef = (kind: string, namespace: string, name: string): string => (namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`);

export const metaOf = (o: Obj): Obj => obj(o.metadata) ?? {};
export const nameOf = (o: Obj): string => (typeof metaOf(o).name === 'string' ? (metaOf(o).name as string) : '');
export const namespaceOf = (o: Obj): string => (typeof metaOf(o).namespace === 'string' ? (metaOf(o).namespace as string) : '');
export const refOf = (o: Obj): string => objectRef(String(o.kind), namespaceOf(o), nameOf(o));

/**
 * Whether an update changed the spec. Writers copy what they change and share the rest (a scale keeps
 * the template object), so the spec's own fields are compared by identity first, and by value only
 * where they differ.
 */
function specDiffers(a: unknown, b: unknown): boolean {
  if (a === b) return false;
  const ma = obj(a);
  const mb = obj(b);
  if (!ma || !mb) return JSON.stringify(a) !== JSON.stringify(b);
  const keys = new Set([...Object.keys(ma), ...Object.keys(mb)]);
  for (const k of keys) if (ma[k] !== mb[k] && JSON.stringify(ma[k]) !== JSON.stringify(mb[k])) return true;
  return false;
}

/** The uid of an object's controller (its ownerReference with `controller: true`). */
export function controllerUid(o: Obj): string | undefined {
  const refs = metaOf(o).ownerReferences;
  if (!Array.isArray(refs)) return undefined;
  for (const r of refs) if (obj(r)?.controller === true && typeof obj(r)?.uid === 'string') return obj(r)!.uid as string;
  return undefined;
}

/** What etcd holds for an object: the object as the API server returns it, and its manifest. */
export interface Stored {
  object: Obj;
  /** The manifest that wrote it, or that made the controller create it. */
  source?: SourceRef;
  /** Made by the cluster's bootstrap (default namespaces, the `kubernetes` Service), not by the workspace. */
  bootstrap?: true;
  /** In the cluster before the apply (the cluster state file); left as it is unless the apply changes it. */
  live?: true;
  /**
   * The configuration the last `kubectl apply` wrote (what kubectl keeps in the
   * `kubectl.kubernetes.io/last-applied-configuration` annotation): the fields a later apply may remove.
   */
  applied?: Obj;
}

/**
 * The simulated etcd: objects by `Kind/namespace/name`, in creation order, with the metadata the API
 * server sets on create (uid, resourceVersion, creationTimestamp, generation).
 */
export class Store {
  private readonly objects = new Map<string, Stored>();
  /** The same entries by kind: controllers list one kind at a time. */
  private readonly byKind = new Map<string, Map<string, Stored>>();
  private resourceVersion = 0;
  /** Writes per kind: lets a reader keep what it derived from a kind until the next write of it. */
  private readonly writes = new Map<string, number>();

  /** Objects by the uid of their controller (ownerReference with `controller: true`): what a controller owns. */
  private readonly byOwner = new Map<string, Map<string, Stored>>();
  /** Writes (creations, updates, deletions) of the objects each controller owns, by its uid. */
  private readonly ownerWrites = new Map<string, number>();

  /** How many times the objects the object with this uid controls were written so far. */
  writesOwnedBy(uid: unknown): number {
    return typeof uid === 'string' ? (this.ownerWrites.get(uid) ?? 0) : 0;
  }

  private put(ref: string, kind: string, stored: Stored): void {
    const before = this.objects.get(ref);
    const owner = controllerUid(stored.object);
    if (before) {
      const previous = controllerUid(before.object);
      if (previous !== undefined && previous !== owner) this.byOwner.get(previous)?.delete(ref);
    }
    if (owner !== undefined) {
      let owned = this.byOwner.get(owner);
      if (!owned) this.byOwner.set(owner, (owned = new Map()));
      owned.set(ref, stored);
      this.ownerWrites.set(owner, (this.ownerWrites.get(owner) ?? 0) + 1);
    }
    this.objects.set(ref, stored);
    this.writes.set(kind, (this.writes.get(kind) ?? 0) + 1);
    let ofKind = this.byKind.get(kind);
    if (!ofKind) this.byKind.set(kind, (ofKind = new Map()));
    ofKind.set(ref, stored);
  }

  constructor(private readonly clock: string) {}

  /** How many times objects of this kind were written (created or updated) so far. */
  writesOf(kind: string): number {
    return this.writes.get(kind) ?? 0;
  }

  has(kind: string, namespace: string, name: string): boolean {
    return this.objects.has(objectRef(kind, namespace, name));
  }

  get(kind: string, namespace: string, name: string): Stored | undefined {
    return this.objects.get(objectRef(kind, namespace, name));
  }

  /** Stores a new object; the caller has checked the name is free. */
  create(object: Obj, source?: SourceRef): Obj {
    const meta = metaOf(object);
    const ref = refOf(object);
    const created: Obj = {
      ...object,
      metadata: {
        ...meta,
        uid: uidOf(ref),
        resourceVersion: String(++this.resourceVersion),
        creationTimestamp: this.clock,
        ...(object.spec !== undefined && object.kind !== 'Pod' && object.kind !== 'Service' ? { generation: 1 } : {}),
      },
    };
    this.put(ref, String(object.kind), { object: created, source });
    return created;
  }

  /**
   * Stores an object as a cluster holds it (the cluster state file): its uid, resourceVersion,
   * generation and status kept. Objects without a uid get one as on create.
   */
  restore(object: Obj): Obj {
    const meta = metaOf(object);
    const ref = refOf(object);
    const version = Number(meta.resourceVersion);
    if (Number.isSafeInteger(version) && version > this.resourceVersion) this.resourceVersion = version;
    const restored: Obj = { ...object, metadata: { ...meta, uid: typeof meta.uid === 'string' ? meta.uid : uidOf(ref), ...(meta.resourceVersion === undefined ? { resourceVersion: String(++this.resourceVersion) } : {}), ...(meta.creationTimestamp === undefined ? { creationTimestamp: this.clock } : {}) } };
    this.put(ref, String(object.kind), { object: restored, live: true });
    return restored;
  }

  /**
   * Replaces a stored object (a controller writing status, the scheduler binding a pod, an apply). A
   * changed spec bumps metadata.generation, as the registries' PrepareForUpdate do.
   */
  update(object: Obj, changes?: Partial<Omit<Stored, 'object'>>): Obj {
    const ref = refOf(object);
    const old = this.objects.get(ref);
    if (!old) throw new Error(`update of ${ref}, which is not stored`);
    const meta = metaOf(object);
    const generation = typeof metaOf(old.object).generation === 'number' && specDiffers(object.spec, old.object.spec) ? { generation: (metaOf(old.object).generation as number) + 1 } : {};
    const updated = { ...object, metadata: { ...meta, ...generation, resourceVersion: String(++this.resourceVersion) } };
    this.put(ref, String(object.kind), { ...old, ...changes, object: updated });
    return updated;
  }

  /** Records the configuration an apply wrote, for an apply that changed nothing (no write, no new resourceVersion). */
  setApplied(object: Obj, applied: Obj): void {
    const stored = this.objects.get(refOf(object));
    if (stored) stored.applied = applied;
  }

  /** Removes an object (a controller deleting a pod it scaled down); true when it was there. */
  delete(kind: string, namespace: string, name: string): boolean {
    const ref = objectRef(kind, namespace, name);
    const stored = this.objects.get(ref);
    if (!stored) return false;
    this.objects.delete(ref);
    const owner = controllerUid(stored.object);
    if (owner !== undefined) {
      this.byOwner.get(owner)?.delete(ref);
      this.ownerWrites.set(owner, (this.ownerWrites.get(owner) ?? 0) + 1);
    }
    this.byKind.get(kind)?.delete(ref);
    this.writes.set(kind, (this.writes.get(kind) ?? 0) + 1);
    return true;
  }

  /** Marks every object stored so far as the cluster's own (kept through updates). */
  markBootstrap(): void {
    for (const [ref, stored] of this.objects) this.put(ref, String(stored.object.kind), { ...stored, bootstrap: true });
  }

  /** The objects of a kind whose controller is the object with this uid, in creation order. */
  ownedBy(uid: unknown, kind: string): Obj[] {
    const owned = typeof uid === 'string' ? this.byOwner.get(uid) : undefined;
    const out: Obj[] = [];
    if (owned) for (const s of owned.values()) if (s.object.kind === kind) out.push(s.object);
    return out;
  }

  /** Objects of a kind (in one namespace, if given), in creation order. */
  list(kind: string, namespace?: string): Stored[] {
    const ofKind = [...(this.byKind.get(kind)?.values() ?? [])];
    return namespace === undefined ? ofKind : ofKind.filter((s) => namespaceOf(s.object) === namespace);
  }

  all(): Stored[] {
    return [...this.objects.values()];
  }
}
