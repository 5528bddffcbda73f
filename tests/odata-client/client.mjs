// A plain fetch-based OData client: what a JavaScript consumer of /odata would write.
import buildQuery from 'odata-query';

const baseUrl = process.env.BASE_URL;
if (!baseUrl) {
  throw new Error('BASE_URL is not set: these tests are run by NodeClientTests.cs, which starts the server');
}

export { buildQuery };

export async function getJson(pathAndQuery, headers = {}) {
  const url = pathAndQuery.startsWith('http') ? pathAndQuery : `${baseUrl}${pathAndQuery}`;
  const response = await fetch(url, { headers: { Accept: 'application/json', ...headers } });
  const contentType = response.headers.get('content-type') ?? '';
  return { status: response.status, contentType, body: await response.json() };
}

// Every userId matching an odata-query object, following @odata.nextLink to the end.
export async function userIds(query, headers = {}) {
  const ids = [];
  let url = `/odata/Users${buildQuery({ select: ['userId'], ...query })}`;
  while (url) {
    const { status, body } = await getJson(url, headers);
    if (status !== 200) {
      throw new Error(`GET ${url} answered ${status}: ${JSON.stringify(body)}`);
    }
    ids.push(...body.value.map((u) => u.userId));
    url = body['@odata.nextLink'];
  }
  return ids;
}
