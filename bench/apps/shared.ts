import { App } from 'aws-cdk-lib';

/** `node app.js N OUTDIR`: the number of confidential (and of public) clients, and where the assembly goes. */
export function args(): { n: number; outdir: string } {
  const [n, outdir] = process.argv.slice(2);
  if (!n || !outdir) throw new Error('usage: node app.js N OUTDIR');
  return { n: Number(n), outdir };
}

/** Builds `n` client pairs in as many stacks as needed, `perStack` pairs each, and synthesizes. */
export function synthesize(outdir: string, n: number, perStack: number, build: (app: App, stackIndex: number, from: number, to: number) => void): void {
  // Path metadata (as the CDK CLI sets it) lets the benchmark attribute resources to clients.
  const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
  for (let from = 0, index = 0; from < n; from += perStack, index++) {
    build(app, index, from, Math.min(n, from + perStack));
  }
  app.synth();
}
