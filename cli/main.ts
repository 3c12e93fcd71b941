import { parseArgs } from 'node:util';
import { CliError, reasonOf } from './errors.ts';
import { analyseTrust } from './trust-analyse.ts';

const USAGE = `usage: kith trust analyse EDGES.csv --out DIR [--damping 0.85] [--pretrusted FILE] [--groups FILE]

  EDGES.csv        CSV with header source,target and an optional weight column
  --out DIR        where to write scores.csv and measures.json (created if need be)
  --damping D      share of trust that follows ties, between 0 and 1 (default 0.85)
  --pretrusted F   member ids, one per line, to spread the teleport over (default: everyone)
  --groups F       CSV with header member,group (a street, an estate, a club): adds bonding
                   and bridging across those groups to measures.json`;

/** A mistake in how the command was called; exits with code 2 like bad input. */
class UsageError extends Error {}

/** Parses the command line and runs the command; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        damping: { type: 'string' },
        pretrusted: { type: 'string' },
        groups: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    const [group, command, edges, ...extra] = positionals;
    if (group !== 'trust' || (command !== 'analyse' && command !== 'analyze')) throw new UsageError(`unknown command '${positionals.join(' ')}'`);
    if (!edges) throw new UsageError('missing the EDGES.csv argument');
    if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    if (!values.out) throw new UsageError('missing --out DIR');
    const damping = values.damping === undefined ? 0.85 : Number(values.damping);
    if (!(damping > 0 && damping < 1)) throw new UsageError(`--damping must be a number between 0 and 1, got '${values.damping}'`);
    const summary = await analyseTrust({ edges, out: values.out, damping, pretrusted: values.pretrusted, groups: values.groups });
    console.log(
      `analysed ${summary.members} members and ${summary.ties} ties in ${summary.seconds.toFixed(1)} s: ` +
        `${summary.communities} communities; wrote ${values.out}/scores.csv and ${values.out}/measures.json`,
    );
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`kith: ${error.message}`);
      return 2;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`kith: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    // The file system failed under us (the disk filled up, a file vanished): say what and where.
    const failure = error as NodeJS.ErrnoException;
    if (failure.syscall && failure.path) {
      console.error(`kith: ${failure.syscall} ${failure.path}: ${reasonOf(failure)}`);
      return 1;
    }
    console.error(`kith: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
