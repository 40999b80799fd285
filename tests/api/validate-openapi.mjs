// Validates server/api/openapi.json (the document the server embeds and serves) against the
// OpenAPI 3 schema and resolves every $ref, with @apidevtools/swagger-parser.
import SwaggerParser from '@apidevtools/swagger-parser';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const file = process.argv[2] ?? path.join(here, '..', '..', 'server', 'api', 'openapi.json');
try {
  const api = await SwaggerParser.validate(file);
  const ops = Object.values(api.paths).reduce((n, p) => n + Object.keys(p).length, 0);
  console.log(`${api.info.title} ${api.info.version}: valid OpenAPI ${api.openapi}, ${ops} operations`);
  console.log('1 passed, 0 failed');
} catch (err) {
  console.error(`invalid OpenAPI document ${file}: ${err.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
