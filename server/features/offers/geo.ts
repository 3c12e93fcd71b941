// Locations without addresses: points are snapped to a ~200 m grid before they are stored, and
// distances are great-circle metres between snapped points.
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

export type Point = { lat: number; lng: number };

const METRES_PER_DEGREE = 111_320;
/** The grid's cell size: near enough to say "a few streets away", too coarse to find a door. */
export const FUZZ_METRES = 200;
const EARTH_RADIUS_M = 6_371_000;

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Snaps a point to the centre of its ~200 m grid cell; snapping twice changes nothing. */
export function fuzzLocation(point: Point): Point {
  const latStep = FUZZ_METRES / METRES_PER_DEGREE;
  const lat = Math.max(-90, Math.min(90, Math.round(point.lat / latStep) * latStep));
  // A degree of longitude shrinks towards the poles; keep cells about square.
  const lngStep = FUZZ_METRES / (METRES_PER_DEGREE * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  let lng = Math.round(point.lng / lngStep) * lngStep;
  if (lng > 180) lng -= lngStep;
  if (lng < -180) lng += lngStep;
  return { lat: round6(lat), lng: round6(lng) };
}

/** Great-circle distance in metres (haversine). */
export function distanceM(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))));
}

/** The same distance as SQL, from a point to a row's lat/lng columns (NULL when the row has none). */
export function distanceSql(point: Point, lat: AnyColumn, lng: AnyColumn): SQL<number | null> {
  return sql<number | null>`round(2 * ${EARTH_RADIUS_M} * asin(least(1, sqrt(
    power(sin(radians(${lat} - ${point.lat}::float8) / 2), 2)
    + cos(radians(${point.lat}::float8)) * cos(radians(${lat})) * power(sin(radians(${lng} - ${point.lng}::float8) / 2), 2)))))::float8`;
}
