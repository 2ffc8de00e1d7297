/** 83.4 → "01:23.4"; 3723 → "1:02:03". What the shotlist shows beside each shot. */
export function formatSeconds(seconds: number): string {
  const whole = Math.max(0, seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const sText = (Number.isInteger(s) ? String(s) : s.toFixed(1)).padStart(
    Number.isInteger(s) ? 2 : 4,
    "0",
  );
  const mText = String(m).padStart(2, "0");
  return h > 0 ? `${h}:${mText}:${sText}` : `${mText}:${sText}`;
}

/** A number of seconds from a query-string value ("12.5"), or null when it is not one. */
export function parseSeconds(value: string | null | undefined): number | null {
  if (value == null || value.trim() === "" || !/^\d+(\.\d+)?$/.test(value.trim())) return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}
