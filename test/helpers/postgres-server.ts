import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A throwaway PostgreSQL server for tests: `initdb` into a fresh temporary directory, started
 * with `pg_ctl` on a free port of 127.0.0.1 (no other address), its unix socket in that
 * directory, trusting every local connection. PostgreSQL refuses to run as root, so as root the
 * server runs as the `postgres` user, who then owns the directory.
 */
export interface PostgresServer {
  /** `postgresql://postgres@127.0.0.1:PORT/postgres` */
  connectionString: string;
  /** Stops the server (`pg_ctl stop -m fast`) and deletes its directory. */
  stop(): Promise<void>;
}

/** Where PostgreSQL tests stand: run them, skip them (saying why), or fail them. */
export type PostgresAvailability =
  | { state: 'available'; bindir: string }
  | { state: 'skip'; reason: string }
  | { state: 'fail'; reason: string };

const run = promisify(execFile);
const SERVER_USER = 'postgres';
const INSTALL_HINT =
  'PostgreSQL server binaries (initdb, pg_ctl) were found neither by `pg_config --bindir` nor ' +
  'in /usr/lib/postgresql/*/bin nor on PATH; install them (Debian: apt-get install ' +
  'postgresql) or point BROKERGEN_PG_BINDIR at them';

/**
 * Finds the server binaries. Missing binaries skip the tests on a developer's machine, and fail
 * them under CI=true, where `.ci/run` installs PostgreSQL and a skip would hide a lost step.
 */
export function checkPostgresAvailability(): PostgresAvailability {
  const bindir = findPostgresBindir();
  if (bindir !== undefined) return { state: 'available', bindir };
  if (process.env.CI === 'true') return { state: 'fail', reason: `${INSTALL_HINT} (CI=true)` };
  return { state: 'skip', reason: `skipping the PostgreSQL tests: ${INSTALL_HINT}` };
}

/** Starts a fresh server; throws with the install hint when the binaries are missing. */
export async function startPostgresServer(): Promise<PostgresServer> {
  const availability = checkPostgresAvailability();
  if (availability.state !== 'available') throw new Error(availability.reason);
  const { bindir } = availability;
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), 'brokergen-pg-'));
  const data = join(dir, 'data');
  try {
    if (asRoot) {
      const { uid, gid } = serverUserIds();
      await chown(dir, uid, gid);
    }
    const pg = (tool: string, args: string[]) =>
      runAsServerUser(asRoot, join(bindir, tool), args, dir);
    await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    // The port is free when we look; another process may take it before the server binds it.
    for (let attempt = 1; ; attempt++) {
      const port = await findFreePort();
      const options = [
        `-p ${port}`,
        `-k ${dir}`,
        "-c listen_addresses='127.0.0.1'",
        // A throwaway server: losing it to a power cut costs nothing.
        '-c fsync=off',
      ].join(' ');
      try {
        await pg('pg_ctl', [
          'start',
          '-D',
          data,
          '-l',
          join(dir, 'server.log'),
          '-w',
          '-t',
          '60',
          '-o',
          options,
        ]);
      } catch (error) {
        if (attempt < 3) continue;
        throw new Error(`pg_ctl start failed:\n${readLog(dir)}`, { cause: error });
      }
      const stopOnExit = (): void => stopSync(data);
      process.once('exit', stopOnExit);
      return {
        connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres`,
        async stop() {
          process.removeListener('exit', stopOnExit);
          try {
            await pg('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w']);
          } finally {
            await rm(dir, { recursive: true, force: true });
          }
        },
      };
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function findPostgresBindir(): string | undefined {
  const candidates: string[] = [];
  if (process.env.BROKERGEN_PG_BINDIR) candidates.push(process.env.BROKERGEN_PG_BINDIR);
  try {
    candidates.push(
      execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: 'pipe' }).trim(),
    );
  } catch {
    // No pg_config (it comes with libpq-dev): look in the usual places.
  }
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => `/usr/lib/postgresql/${version}/bin`));
  }
  candidates.push(...(process.env.PATH ?? '').split(':').filter(Boolean));
  return candidates.find(
    (dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')),
  );
}

/** Runs a server binary, as the `postgres` user when we are root (`runuser`, else `su`). */
async function runAsServerUser(asRoot: boolean, file: string, args: string[], cwd: string) {
  if (!asRoot) return run(file, args, { cwd });
  if (existsSync('/usr/sbin/runuser') || existsSync('/sbin/runuser')) {
    return run('runuser', ['-u', SERVER_USER, '--', file, ...args], { cwd });
  }
  const command = [file, ...args].map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
  return run('su', [SERVER_USER, '-s', '/bin/sh', '-c', command], { cwd });
}

function serverUserIds(): { uid: number; gid: number } {
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === SERVER_USER);
  if (entry === undefined) {
    throw new Error(
      `running as root, but there is no '${SERVER_USER}' user to run PostgreSQL as ` +
        '(the Debian package postgresql creates it)',
    );
  }
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

/** A port nobody listens on now: bind port 0 on 127.0.0.1, read it back, close. */
async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

/** On exit without stop(): a fast shutdown by signal, so no server outlives the test run. */
function stopSync(data: string): void {
  try {
    const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGINT');
  } catch {
    // Already stopped.
  }
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'server.log'), 'utf8');
  } catch {
    return '(no server log)';
  }
}
