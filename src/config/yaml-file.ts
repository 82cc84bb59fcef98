import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { ConfigError, type ConfigErrorCode } from '../errors.js';

/**
 * Read a YAML file into plain data. A missing or unreadable file, or a syntax error (with its
 * line), is a ConfigError naming the file. `what` names the file kind in messages ("topic file").
 */
export function readYamlFile(path: string, code: ConfigErrorCode, syntaxCode: ConfigErrorCode, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(code, path, [errno === 'ENOENT' ? `${what} not found` : `cannot read (${errno})`]);
  }
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    throw new ConfigError(syntaxCode, path, document.errors.map((e) => `YAML syntax error at line ${e.linePos?.[0].line ?? '?'}: ${e.message.split('\n')[0]}`));
  }
  return document.toJS() ?? {};
}
