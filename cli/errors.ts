// The errors a user can fix: the CLI prints their message and exits with code 2.

/** A problem the user can fix (bad input, an unusable path); the CLI prints it and exits with code 2. */
export class CliError extends Error {}

/** A problem in an input file, with the line it is on. */
export class InputError extends CliError {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(line > 0 ? `${file}, line ${line}: ${message}` : `${file}: ${message}`);
  }
}

/** Why a file system call failed, in words ("no such file"), from its error code. */
export function reasonOf(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'part of the path is a file, not a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the disk';
    default:
      return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

/** An input file that cannot be read, e.g. "cannot read EDGES.csv: no such file". */
export class UnreadableFile extends CliError {
  constructor(readonly file: string, reason: string) {
    super(`cannot read ${file}: ${reason}`);
  }
}
