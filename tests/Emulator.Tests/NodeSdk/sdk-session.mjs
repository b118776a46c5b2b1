// Drives Smartcar's official Node SDK (npm `smartcar`, pinned in package.json) against the offline
// emulator, through the SDK's public API only. NodeSdkCompatibilityTests runs it twice:
//
//   node sdk-session.mjs url       prints {"authUrl", "narrowAuthUrl", "defaultRedirectAuthUrl"}: getAuthUrl's URLs
//   node sdk-session.mjs session   exchanges the codes and calls every SDK method; prints one JSON object
//
// The SDK reads its hosts itself: SMARTCAR_API_ORIGIN (Connect URL origin and v2.0 API),
// SMARTCAR_AUTH_ORIGIN (/oauth/token) and SMARTCAR_API_V3_ORIGIN (v3). They must all be set, so this
// script can never reach the real Smartcar. Other inputs:
//   SDK_CLIENT_ID, SDK_CLIENT_SECRET, SDK_REDIRECT_URI, SDK_STATE, SDK_NARROW_STATE  (both modes)
//   SDK_CODE         code from Connect on authUrl (every permission the SDK calls need)
//   SDK_NARROW_CODE  code from Connect on narrowAuthUrl (read_vehicle_info only, another user)
//   SDK_DEFAULT_REDIRECT_CODE  code from Connect on defaultRedirectAuthUrl (no redirect_uri)
//   SDK_APP_TOKEN    application token from /oauth2/token (v3)
// Any unexpected failure prints the error to stderr and exits 1; expected failures are recorded.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const smartcar = require('smartcar');

const Scopes = [
  'read_vehicle_info', 'read_vin', 'read_odometer', 'read_location', 'read_fuel', 'read_battery',
  'read_charge', 'control_charge', 'read_engine_oil', 'read_tires', 'read_security', 'control_security',
];

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`environment variable ${name} is not set`);
  }
  return value;
}

function errorFields(error) {
  return {
    isSmartcarError: error instanceof smartcar.SmartcarError,
    name: error.name,
    message: error.message,
    type: error.type,
    code: error.code,
    statusCode: error.statusCode,
    description: error.description,
    requestId: error.requestId,
    resolution: error.resolution,
    docURL: error.docURL,
    retryAfter: error.retryAfter,
  };
}

/** Runs a call that must fail; returns the error's fields (or exits when it succeeds). */
async function expectFailure(label, call) {
  let result;
  try {
    result = await call();
  } catch (error) {
    return errorFields(error);
  }
  throw new Error(`${label} was expected to fail but answered ${JSON.stringify(result)}`);
}

function authClient(withRedirectUri = true) {
  return new smartcar.AuthClient({
    clientId: required('SDK_CLIENT_ID'),
    clientSecret: required('SDK_CLIENT_SECRET'),
    redirectUri: withRedirectUri ? required('SDK_REDIRECT_URI') : undefined,
    mode: 'test',
  });
}

function authUrls(client) {
  return {
    sdkVersion: require('smartcar/package.json').version,
    authUrl: client.getAuthUrl(Scopes, {
      state: required('SDK_STATE'),
      forcePrompt: true,
      makeBypass: 'TESLA',
      singleSelect: { enabled: true },
    }),
    narrowAuthUrl: client.getAuthUrl(['read_vehicle_info'], {
      state: required('SDK_NARROW_STATE'),
      singleSelect: { enabled: false },
      flags: { country: 'DE', color: '00819D' },
      user: 'sdk-user-42',
    }),
    // Since 10.2.0 redirectUri is optional: Connect then uses the app's default redirect URI.
    defaultRedirectAuthUrl: authClient(false).getAuthUrl({ scope: undefined, state: 'default-redirect' }),
  };
}

async function session(client) {
  const out = { ...authUrls(client) };

  out.exchange = await client.exchangeCode(required('SDK_CODE'));
  out.codeReuse = await expectFailure('exchanging a used code', () => client.exchangeCode(required('SDK_CODE')));
  // ...but exchangeCode then posts redirect_uri=undefined (URLSearchParams), which matches no redirect URI.
  out.noRedirectUriExchange = await expectFailure('exchanging without redirectUri', () =>
    authClient(false).exchangeCode(required('SDK_DEFAULT_REDIRECT_CODE')));
  out.refresh = await client.exchangeRefreshToken(out.exchange.refreshToken);
  out.badRefresh = await expectFailure('exchanging a garbage refresh token', () =>
    client.exchangeRefreshToken('not-a-refresh-token'));
  const access = out.refresh.accessToken;

  out.vehicles = await smartcar.getVehicles(access);
  out.vehiclesPage = await smartcar.getVehicles(access, { limit: 1, offset: 0 });
  out.user = await smartcar.getUser(access);

  const id = out.vehicles.vehicles[0];
  const vehicle = new smartcar.Vehicle(id, access);
  out.attributes = await vehicle.attributes();
  out.vin = await vehicle.vin();
  out.odometer = await vehicle.odometer();
  out.location = await vehicle.location();
  out.fuel = await vehicle.fuel();
  out.battery = await vehicle.battery();
  out.batteryCapacity = await vehicle.batteryCapacity();
  out.charge = await vehicle.charge();
  out.engineOil = await vehicle.engineOil();
  out.tirePressure = await vehicle.tirePressure();
  out.permissions = await vehicle.permissions();
  out.imperialOdometer = await new smartcar.Vehicle(id, access, { unitSystem: 'imperial' }).odometer();

  out.unlock = await vehicle.unlock();
  out.lockStatusUnlocked = await vehicle.lockStatus();
  out.lock = await vehicle.lock();
  out.lockStatusLocked = await vehicle.lockStatus();
  out.startCharge = await vehicle.startCharge();
  out.chargeAfterStart = await vehicle.charge();
  out.stopCharge = await vehicle.stopCharge();

  const batch = await vehicle.batch(['/', '/odometer', '/location', '/security', '/tires/pressure', '/engine/oil', '/battery/capacity']);
  out.batch = Object.fromEntries(Object.entries(batch).map(([name, read]) => [name, read()]));

  // A token of another user who granted read_vehicle_info only.
  // Its calls also carry the SDK's optional flags (?flags=country:DE on the token and vehicle URLs).
  const flags = { country: 'DE' };
  const narrow = await client.exchangeCode(required('SDK_NARROW_CODE'), { flags });
  const narrowId = (await smartcar.getVehicles(narrow.accessToken)).vehicles[0];
  const narrowVehicle = new smartcar.Vehicle(narrowId, narrow.accessToken, { flags });
  out.narrowPermissions = await narrowVehicle.permissions();
  out.permissionError = await expectFailure('odometer without read_odometer', () => narrowVehicle.odometer());
  const narrowBatch = await narrowVehicle.batch(['/', '/odometer']);
  out.narrowBatchAttributes = narrowBatch.attributes();
  out.narrowBatchError = await expectFailure('batch odometer without read_odometer', async () => narrowBatch.odometer());

  out.authenticationError = await expectFailure('a garbage access token', () =>
    new smartcar.Vehicle(id, 'not-a-real-token').odometer());
  out.unsupportedEndpointError = await expectFailure('an endpoint the emulator does not serve', () =>
    vehicle.getChargeLimit());
  out.unknownVehicleError = await expectFailure('an unknown vehicle id', () =>
    new smartcar.Vehicle('no-such-vehicle', access).odometer());

  const appToken = required('SDK_APP_TOKEN');
  out.v3Vehicle = await smartcar.getVehicle(appToken, id);
  out.v3Signals = await vehicle.request('get', 'signals', null,
    { Authorization: `Bearer ${appToken}`, 'sc-user-id': out.user.id }, '3');
  out.v3SignalsWithoutUser = await expectFailure('v3 signals without sc-user-id', () =>
    new smartcar.Vehicle(id, appToken).getSignals());

  out.disconnect = await vehicle.disconnect();
  out.afterDisconnectError = await expectFailure('a disconnected vehicle', () => vehicle.attributes());
  out.narrowAfterOtherDisconnect = await narrowVehicle.attributes();
  return out;
}

async function main() {
  const mode = process.argv[2];
  for (const name of ['SMARTCAR_API_ORIGIN', 'SMARTCAR_AUTH_ORIGIN', 'SMARTCAR_API_V3_ORIGIN']) {
    required(name);
  }
  const client = authClient();
  if (mode === 'url') {
    return authUrls(client);
  }
  if (mode === 'session') {
    return session(client);
  }
  throw new Error(`usage: node sdk-session.mjs url|session (got ${mode})`);
}

try {
  process.stdout.write(`${JSON.stringify(await main())}\n`);
} catch (error) {
  process.stderr.write(`sdk-session failed: ${error instanceof smartcar.SmartcarError
    ? JSON.stringify(errorFields(error)) : ''}\n${error.stack ?? error}\n`);
  process.exitCode = 1;
}
