/** The ops suite needs a real PostgreSQL server: without TEST_DATABASE_URL it stops with one clear line. */
export default function requirePostgres() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(
      "npm run test:ops needs TEST_DATABASE_URL: a PostgreSQL superuser URL such as postgres://postgres@127.0.0.1:5432/test (each test file creates and drops its own databases)",
    );
  }
}
