import { BrokergenError } from '../errors.js';
import type { CodeFormatter } from './format-code.js';
import { formatPrintedCode } from './format-printed-code.js';
import { fillPlaceholders } from './render-template.js';
import type { RenderedParts } from './render-template.js';

/**
 * Formats a rendered file in the output style. Prettier formats the template's own code, with
 * each PrintedCode standing as a placeholder line at the top level, and the printed code is laid
 * out by formatPrintedCode into the placeholder's place: prettier formats top-level statements
 * one by one and keeps the blank lines between them, so the file comes out as prettier would
 * make it of the whole render. When a placeholder does not come back as a line of its own at the
 * top level (a template printing the code elsewhere), prettier formats the whole render instead.
 * @throws BrokergenError BG_EMIT_FORMAT when the render does not parse, which means a target bug.
 */
export async function formatRendered(
  formatter: CodeFormatter,
  path: string,
  header: string,
  parts: RenderedParts,
): Promise<string> {
  if (parts.printed.length === 0) return formatter.format(path, header + parts.text);
  const whole = () => formatter.format(path, header + fillPlaceholders(parts));
  let formatted: string;
  try {
    formatted = await formatter.format(path, header + parts.text);
  } catch (error) {
    if (error instanceof BrokergenError) return whole();
    throw error;
  }
  const lines = formatted.split('\n');
  for (const { placeholder, code } of parts.printed) {
    const index = lines.indexOf(placeholder);
    if (index < 0 || lines.indexOf(placeholder, index + 1) >= 0) return whole();
    const printed = await formatPrintedCode(code.code, (text) =>
      formatter.format('printed.ts', text),
    );
    lines[index] = printed.replace(/\n$/, '');
  }
  return lines.join('\n');
}
