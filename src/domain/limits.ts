/** The largest document chipreg reads, over HTTP or from a file: a submission, a certificate, a dump. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;

/** The largest raw tool output `chipreg evidence` reads: result files with per-request arrays run to megabytes. */
export const MAX_TOOL_OUTPUT_BYTES = 64 * 1024 * 1024;
