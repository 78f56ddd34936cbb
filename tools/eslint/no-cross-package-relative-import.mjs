// ESLint rule: a relative import must stay inside its own package (one app, one lib, transcoder/, bench/, …).
// Crossing into another package goes through its `#name` import map entry, so a package's inside can move freely.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** `apps/admission`, `libs/media`, `transcoder`, `bench`: the package a file belongs to (none for root files). */
export function packageOf(file) {
  const rel = path.relative(ROOT, file).split(path.sep);
  // the repository's own configuration (eslint.config.mjs) may reach its tools
  if (rel[0] === '..' || rel.length === 1) return undefined;
  return rel[0] === 'apps' || rel[0] === 'libs' ? `${rel[0]}/${rel[1]}` : rel[0];
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Relative imports may not cross from one app or lib into another' },
    messages: {
      crossing: "'{{source}}' reaches from {{from}} into {{to}}: import it through the package's '#' entry instead.",
    },
    schema: [],
  },
  create(context) {
    const check = (node) => {
      const source = node.source && node.source.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const from = packageOf(context.filename);
      const to = packageOf(path.resolve(path.dirname(context.filename), source));
      if (from && to && from !== to) {
        context.report({ node: node.source, messageId: 'crossing', data: { source, from, to } });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
