import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateProject } from '../helpers/generated-project.js';
import type { GeneratedProject } from '../helpers/generated-project.js';

/**
 * The generated `server.ts` of a broker, compiled and started as its own process the way its
 * author starts it (`node server.js`), with the embedded store: credentials from the
 * environment, one log line per request, a clean stop on SIGTERM, and state kept across a
 * restart.
 */
let project: GeneratedProject;
let dataDir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  project = await generateProject(
    'spec/open-service-broker.yaml',
    ['server'],
    ['--catalog', 'templates/project/catalog.yaml'],
  );
  expect(await project.compile()).toBe('');
}, 120_000);
afterAll(async () => {
  await project.remove();
});
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
});

const SERVICE = '0b7d4a1e-5c2f-4e83-9a16-7f3e2d8c1b54';
const DEDICATED = '8c5f1e3a-7b2d-4a9c-b6e0-3d1f9a4c2e78';
const CREDENTIALS = { BROKER_USERNAME: 'platform', BROKER_PASSWORD: 'pa55-w0rd-secret' };

interface BrokerProcess {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
}

/** Starts `node dist/server.js`; resolves once it listens, or rejects with what it printed. */
function startBroker(env: Record<string, string>, args: string[] = []): Promise<BrokerProcess> {
  const child = spawn(process.execPath, [join(project.dir, 'dist/server.js'), ...args], {
    cwd: project.dir,
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', BROKER_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (listening?.[1] !== undefined) {
        resolve({ child, url: listening[1], stdout: () => stdout, stderr: () => stderr });
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}${stdout}`)));
  });
}

/** Waits for a process to exit on its own; its exit code. */
async function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

function request(url: string, method: string, body?: unknown): Promise<Response> {
  const basic = Buffer.from(`${CREDENTIALS.BROKER_USERNAME}:${CREDENTIALS.BROKER_PASSWORD}`);
  return fetch(url, {
    method,
    headers: {
      authorization: `Basic ${basic.toString('base64')}`,
      'x-broker-api-version': '2.17',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe('a generated broker started with node server.js', () => {
  it('refuses to start without credentials, saying which variables to set', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'brokergen-data-'));
    const child = spawn(process.execPath, [join(project.dir, 'dist/server.js')], {
      cwd: project.dir,
      env: { PATH: process.env['PATH'] ?? '', PORT: '0', BROKER_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exitOf(child)).not.toBe(0);
    expect(stderr).toContain('BROKER_USERNAME');
    expect(stderr).toContain('--dev');
  });

  it('with --dev and no credentials, makes some up for the run and prints them', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'brokergen-data-'));
    const broker = await startBroker({}, ['--dev']);
    const printed = /Basic (dev):(\S+)/.exec(broker.stderr());
    expect(printed).not.toBeNull();
    const authorization = `Basic ${Buffer.from(`${printed?.[1]}:${printed?.[2]}`).toString('base64')}`;
    const response = await fetch(`${broker.url}/v2/catalog`, {
      headers: { authorization, 'x-broker-api-version': '2.17' },
    });
    expect(response.status).toBe(200);
  });

  it('logs one line per request without credentials, stops on SIGTERM, and keeps its state across a restart', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'brokergen-data-'));
    const instance = '/v2/service_instances/i-1';
    const body = { service_id: SERVICE, plan_id: DEDICATED, parameters: { storage_gb: 20 } };

    const first = await startBroker(CREDENTIALS);
    expect((await request(`${first.url}${instance}`, 'PUT', body)).status).toBe(201);
    const invalid = await request(`${first.url}/v2/service_instances/i-2`, 'PUT', {
      ...body,
      parameters: { storage_gb: 'big' },
    });
    expect(invalid.status).toBe(400);
    first.child.kill('SIGTERM');
    expect(await exitOf(first.child)).toBe(0);

    const lines = first
      .stdout()
      .split('\n')
      .filter((line) => line.includes('"msg":"request"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => [line['method'], line['url'], line['status']])).toEqual([
      ['PUT', instance, 201],
      ['PUT', '/v2/service_instances/i-2', 400],
    ]);
    expect(first.stdout()).not.toContain(CREDENTIALS.BROKER_PASSWORD);
    expect(first.stdout()).not.toMatch(/authorization/i);

    const second = await startBroker(CREDENTIALS);
    // The same provision again is answered from the store: 200, identical and complete.
    expect((await request(`${second.url}${instance}`, 'PUT', body)).status).toBe(200);
    const fetched = await request(`${second.url}${instance}`, 'GET');
    expect(fetched.status).toBe(200);
    expect(await fetched.json()).toMatchObject({
      plan_id: DEDICATED,
      parameters: { storage_gb: 20 },
    });
  });
});
