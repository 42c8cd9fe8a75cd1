import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const logger = new Logger('StreamResponse');

/**
 * Writes the pieces to the response as they come, waiting whenever the client reads slower than
 * they are made (the pipe's backpressure: no next piece is asked for while the socket's buffer is
 * full), and ends it. A client that goes away stops the pieces being made. Once the first byte is
 * sent a failure can no longer become a problem response: the response is then cut short, and a
 * failure other than the client leaving is logged.
 */
export async function streamResponse(res: Response, pieces: AsyncIterable<string | Buffer>): Promise<void> {
  try {
    await pipeline(Readable.from(pieces), res);
  } catch (error) {
    if (!res.headersSent) throw error;
    if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') logger.error(`A streamed response was cut short: ${String(error)}`);
    res.destroy();
  }
}
