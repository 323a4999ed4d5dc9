/** The largest document chipreg reads, over HTTP or from a file: a submission, a certificate, a dump. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;
