/*
 * Bench-only routes added to the real application (same express instance, body parser, global
 * guard, pipe and filter) so that the HTTP benchmark can compare an event with a no-op request.
 */
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import type { Caller } from '@compact/application';
import { CurrentCaller } from '../../apps/server/src/http/current-caller.decorator';
import { Public } from '../../apps/server/src/http/public.decorator';

@Controller('api/bench')
export class NoopController {
  /** Parses the JSON body and answers: the cost of the HTTP stack alone. */
  @Post('noop')
  @Public()
  @HttpCode(200)
  noop(@Body() body: unknown): { ok: true; type: unknown } {
    return { ok: true, type: (body as { type?: unknown })?.type };
  }

  /** The same behind the bearer-token guard: adds the token look-up (one read on the store's queue). */
  @Post('noop-auth')
  @HttpCode(200)
  noopAuth(@CurrentCaller() caller: Caller, @Body() body: unknown): { ok: true; user: string; type: unknown } {
    return { ok: true, user: caller.user.id, type: (body as { type?: unknown })?.type };
  }
}

@Module({ controllers: [NoopController] })
export class NoopModule {}
