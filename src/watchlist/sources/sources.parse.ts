import { AppError, ValidationError } from '../../http/errors';
import type { ListSource } from '../watchlist.table';
import type { ListedEntity } from './sources.entity';
import { EuListHandler } from './sources.eu';
import { UnListHandler } from './sources.un';
import { readXml, XmlProblem } from './sources.xml';

/** Reads the whole file into entities, or refuses it (400) with what is wrong and where. */
export async function parseListFile(source: ListSource, chunks: AsyncIterable<Buffer | string>) {
  const entities: ListedEntity[] = [];
  const references = new Set<string>();
  const sink = (e: ListedEntity) => {
    if (references.has(e.reference)) {
      throw new XmlProblem(`entity ${e.reference} is listed twice`, 'list_entity_duplicate');
    }
    references.add(e.reference);
    entities.push(e);
  };
  const handler = source === 'eu' ? new EuListHandler(sink) : new UnListHandler(sink);
  try {
    const file = await readXml(chunks, handler);
    if (!handler.publishedOn) {
      throw new XmlProblem(
        source === 'eu'
          ? 'the file has no generationDate on <export>'
          : 'the file has no dateGenerated on <CONSOLIDATED_LIST>',
        'list_no_date',
      );
    }
    return { file, publishedOn: handler.publishedOn, entities };
  } catch (err) {
    if (err instanceof XmlProblem) {
      if (err.code === 'xml_too_large') throw new AppError(413, 'payload_too_large', err.message);
      throw new ValidationError(`The file is not a valid ${source === 'eu' ? 'EU' : 'UN'} sanctions list`, [
        { path: 'body', code: 'sanctions_list_invalid', message: err.message },
      ]);
    }
    throw err;
  }
}
