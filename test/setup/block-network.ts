import nock from 'nock';

// Tests never reach the outside world: only loopback (our own servers, Redis) is allowed.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);

afterEach(() => {
  nock.cleanAll();
});
