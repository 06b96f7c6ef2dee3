/**
 * The provider's only logger. It writes a fixed set of non-secret fields; a secret has no field to go in.
 */
export interface LogEntry {
  readonly event: string;
  readonly requestType?: string;
  readonly resourceType?: string;
  readonly logicalResourceId?: string;
  readonly physicalResourceId?: string;
  readonly status?: string;
  readonly reason?: string;
}

export function log(entry: LogEntry): void {
  console.log(JSON.stringify({
    event: entry.event,
    requestType: entry.requestType,
    resourceType: entry.resourceType,
    logicalResourceId: entry.logicalResourceId,
    physicalResourceId: entry.physicalResourceId,
    status: entry.status,
    reason: entry.reason,
  }));
}
