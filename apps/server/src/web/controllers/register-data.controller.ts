import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { dataPackageOf, GetRegisterUseCase, publishedTableCsv, publishedTableJson, RegisterFigures } from '@compact/application';
import { CompactIndex, DomainError, ErrorCode } from '@compact/domain';
import type { Response } from 'express';
import { Public } from '../../http/public.decorator';
import { REGISTER_MAX_AGE_MS } from './register-pages.controller';

/** Caches may keep the open data as long as the figures are answered again unchanged. */
const CACHE_CONTROL = `public, max-age=${REGISTER_MAX_AGE_MS / 1000}`;
/** What a null figure means, in the JSON files. */
const WITHHELD = (min: number) =>
  `null: withheld, because it counts fewer than ${min} cases or because it could otherwise be worked out from figures that do`;
const notFound = () => new DomainError(ErrorCode.NOT_FOUND, 'No such open data file');

/**
 * The register's open data at stable addresses, with no sign-in and no cookie: the Frictionless
 * Data Package descriptor, and each table as CSV and as JSON (the same figures as the page, after
 * suppression). With REGISTER=off none of it is there (404).
 */
@ApiExcludeController()
@Public()
@Controller('register/data')
export class RegisterDataController {
  constructor(
    private readonly register: GetRegisterUseCase,
    private readonly compact: CompactIndex,
  ) {}

  @Get('datapackage.json')
  async dataPackage(@Res() res: Response): Promise<void> {
    const figures = await this.figures();
    const descriptor = dataPackageOf(figures.tables, {
      name: `${this.compact.catalog.id}-compact-register`,
      title: `${this.compact.catalog.name}: the public register of disputes`,
      description: `How the ${this.compact.catalog.name} is being kept, counted from the cases raised under it. A figure from fewer than ${figures.minCount} cases is withheld (an empty cell), and so are others where it could be worked out from them.`,
      created: figures.generatedAt,
      licence: figures.licence,
    });
    res.setHeader('Cache-Control', CACHE_CONTROL);
    res.type('application/json').send(JSON.stringify(descriptor, null, 2));
  }

  @Get(':file')
  async table(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const match = /^([a-z0-9-]{1,64})\.(csv|json)$/.exec(file);
    if (!match) throw notFound();
    const figures = await this.figures();
    const table = figures.tables.find((t) => t.name === match[1]);
    if (!table) throw notFound();
    res.setHeader('Cache-Control', CACHE_CONTROL);
    if (match[2] === 'csv') {
      res.type('text/csv; charset=utf-8').send(publishedTableCsv(table));
      return;
    }
    const json = publishedTableJson(table, { generatedAt: figures.generatedAt, licence: figures.licence, withheld: WITHHELD(figures.minCount) });
    res.type('application/json').send(JSON.stringify(json, null, 2));
  }

  private async figures(): Promise<RegisterFigures> {
    if (!this.register.isPublic) throw notFound();
    return this.register.execute({ maxAgeMs: REGISTER_MAX_AGE_MS });
  }
}
