/** What a read replica reports about itself in `/v1/meta` and `/readyz`. */
export interface ReplicaStatus {
  /** Where writes go (the primary's URL), when the operator named it. */
  primary: string | null;
  /** The primary's data revision when it was last read. */
  primaryRevision: number;
  /** The revision of the snapshot this replica serves. */
  revision: number;
  /** Seconds since the primary first showed a revision this replica does not serve yet; 0 when caught up. */
  lagSeconds: number;
}
