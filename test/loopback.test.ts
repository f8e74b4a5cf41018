import { isLoopbackHost, isLoopbackUrl } from '../src/loopback';

test.each([
  ['localhost', true],
  ['127.0.0.1', true],
  ['127.8.9.10', true],
  ['::1', true],
  ['[::1]', true],
  ['0.0.0.0', false],
  ['128.0.0.1', false],
  ['127.0.0.1.evil.example', false],
  ['localhost.evil.example', false],
  ['example.com', false],
])('host %s is this machine: %s', (host, expected) => {
  expect(isLoopbackHost(host)).toBe(expected);
});

test.each([
  ['http://127.0.0.1:4000/hook', true],
  ['http://[::1]:4000/hook', true],
  ['http://localhost/hook', true],
  ['https://hooks.example.com/x', false],
  ['http://127.0.0.1@evil.example/x', false],
])('URL %s points at this machine: %s', (url, expected) => {
  expect(isLoopbackUrl(url)).toBe(expected);
});
