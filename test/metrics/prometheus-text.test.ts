import { parsePrometheusText, sampleValue } from '../support/prometheus-text';

// The parser the metrics test leans on must refuse what a Prometheus server refuses.
describe('the strict text-format parser', () => {
  it('reads a well-formed exposition with escapes, histograms and special values', () => {
    const f = parsePrometheusText(
      [
        '# HELP a_total A counter',
        '# TYPE a_total counter',
        'a_total{path="/x\\"y\\\\z\\n"} 3',
        '# TYPE h histogram',
        'h_bucket{le="0.1"} 1',
        'h_bucket{le="+Inf"} 2',
        'h_sum 0.3',
        'h_count 2',
        'g NaN',
        '',
      ].join('\n'),
    );
    expect(sampleValue(f, 'a_total', { path: '/x"y\\z\n' })).toBe(3);
    expect(f.get('h')!.samples).toHaveLength(4);
    expect(sampleValue(f, 'g')).toBeNaN();
  });

  it.each([
    ['no final line feed', 'a 1'],
    ['a bad value', 'a one\n'],
    ['an unterminated label value', 'a{x="1} 1\n'],
    ['a bad escape', 'a{x="\\t"} 1\n'],
    ['a TYPE after samples', 'a 1\n# TYPE a counter\n'],
    ['a duplicate series', 'a{x="1"} 1\na{x="1"} 2\n'],
    ['a bucket without le', '# TYPE h histogram\nh_bucket 1\n'],
    ['an unknown type', '# TYPE a thing\n'],
  ])('refuses %s', (_what, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});
