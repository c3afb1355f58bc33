/**
 * The same answer with its body already read into memory. A test that checks
 * only a picture route's status would otherwise leave the stored file open
 * (the body streams from it) until the garbage collector closes it, which
 * the test setup counts as a failure (Node's DEP0137, see vitest-setup.ts).
 */
export async function readNow(response: Response): Promise<Response> {
  if (response.body === null) return response;
  const body = await response.arrayBuffer();
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
