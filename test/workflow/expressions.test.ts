import { describe, expect, it } from 'vitest';
import { expr, Expr, isExpr, literal } from '../../src/workflow/expressions.js';

describe('expr', () => {
  it('renders ${{ }} in strings and the bare source in .source', () => {
    expect(`${expr.github.sha}`).toBe('${{ github.sha }}');
    expect(expr.github.sha.source).toBe('github.sha');
    expect(JSON.stringify({ a: expr.github.sha })).toBe('{"a":"${{ github.sha }}"}');
  });

  it('covers every context', () => {
    const cases: [Expr, string][] = [
      [expr.github.event_name, 'github.event_name'],
      [expr.github.event.pull_request.head.ref, 'github.event.pull_request.head.ref'],
      [expr.env.CI!, 'env.CI'],
      [expr.env('MY-VAR'), 'env.MY-VAR'],
      [expr.vars.REGION!, 'vars.REGION'],
      [expr.secrets.GITHUB_TOKEN, 'secrets.GITHUB_TOKEN'],
      [expr.secrets('NPM_TOKEN'), 'secrets.NPM_TOKEN'],
      [expr.inputs('version'), 'inputs.version'],
      [expr.matrix('python'), 'matrix.python'],
      [expr.strategy['job-index'], 'strategy.job-index'],
      [expr.needs('build').outputs('tags'), 'needs.build.outputs.tags'],
      [expr.needs('build').result, 'needs.build.result'],
      [expr.steps('meta').outputs('tags'), 'steps.meta.outputs.tags'],
      [expr.steps('meta').outcome, 'steps.meta.outcome'],
      [expr.job.status, 'job.status'],
      [expr.job.services('postgres').ports, 'job.services.postgres.ports'],
      [expr.github.event('custom_field')('x'), 'github.event.custom_field.x'],
      [expr.runner.os, 'runner.os'],
      [expr.runner.temp, 'runner.temp'],
    ];
    for (const [e, source] of cases) {
      expect(isExpr(e)).toBe(true);
      expect(e.source).toBe(source);
    }
  });

  it('covers every function', () => {
    expect(expr.contains(expr.github.event.pull_request.labels.name, 'ci').source).toBe("contains(github.event.pull_request.labels.name, 'ci')");
    expect(expr.startsWith(expr.github.ref, 'refs/tags/').source).toBe("startsWith(github.ref, 'refs/tags/')");
    expect(expr.endsWith(expr.github.ref, '-rc').source).toBe("endsWith(github.ref, '-rc')");
    expect(expr.format('{0}-{1}', expr.runner.os, 'x').source).toBe("format('{0}-{1}', runner.os, 'x')");
    expect(expr.join(expr.github.event.commits, ', ').source).toBe("join(github.event.commits, ', ')");
    expect(expr.join(expr.matrix('x')).source).toBe('join(matrix.x)');
    expect(expr.toJSON(expr.github).source).toBe('toJSON(github)');
    expect(expr.fromJSON(expr.needs('plan').outputs('m')).source).toBe('fromJSON(needs.plan.outputs.m)');
    expect(expr.hashFiles('**/uv.lock', 'pyproject.toml').source).toBe("hashFiles('**/uv.lock', 'pyproject.toml')");
    expect([expr.success(), expr.always(), expr.cancelled(), expr.failure()].map((e) => e.source)).toEqual(['success()', 'always()', 'cancelled()', 'failure()']);
  });

  it('covers every operator, with precedence-aware parentheses', () => {
    const ref = expr.github.ref;
    expect(ref.eq('refs/heads/main').source).toBe("github.ref == 'refs/heads/main'");
    expect(ref.ne(null).source).toBe('github.ref != null');
    expect(expr.github.run_number.lt(5).source).toBe('github.run_number < 5');
    expect(expr.github.run_number.le(5).source).toBe('github.run_number <= 5');
    expect(expr.github.run_number.gt(5).source).toBe('github.run_number > 5');
    expect(expr.github.run_number.ge(5).source).toBe('github.run_number >= 5');
    expect(expr.not(expr.cancelled()).source).toBe('!cancelled()');
    expect(expr.and(expr.success(), ref.eq('x')).source).toBe("success() && github.ref == 'x'");
    expect(expr.or(ref.eq('a'), ref.eq('b')).and(expr.success()).source).toBe("(github.ref == 'a' || github.ref == 'b') && success()");
    expect(expr.not(ref.eq('a')).source).toBe("!(github.ref == 'a')");
    expect(expr.github.event.inputs.at('my key').source).toBe("github.event.inputs['my key']");
    expect(expr.eq(expr.lit(true), true).source).toBe('true == true');
    expect(expr.raw('a || b').and('c').source).toBe("(a || b) && 'c'");
  });

  it('writes literals as the expression language does', () => {
    expect(literal("it's")).toBe("'it''s'");
    expect(literal(3.5)).toBe('3.5');
    expect(literal(null)).toBe('null');
    expect(literal(false)).toBe('false');
  });

  it('is not a thenable and is frozen', async () => {
    const e = expr.github.event;
    expect((e as unknown as { then?: unknown }).then).toBeUndefined();
    await expect(Promise.resolve(e)).resolves.toBe(e);
    expect(Object.isFrozen(expr.lit(1))).toBe(true);
  });
});
