/**
 * `value` with exactly `digits` decimals and thousands separators, the text
 * `value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })`
 * gives, built without `Intl`: a process's first use of Intl's number format
 * costs it ~20 ms of start-up. Like Intl, it rounds the shortest decimal that
 * reads back as `value` (what `String(value)` shows), halves away from zero.
 */
export function groupedNumber(value: number, digits: number): string {
  if (Number.isNaN(value)) return 'NaN';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  if (!Number.isFinite(value)) return `${sign}∞`;
  const [mantissa, exponent = '0'] = String(Math.abs(value)).split('e');
  const point = mantissa.indexOf('.');
  let figures = mantissa.replace('.', '');
  // Where the decimal point falls in `figures`: a negative place means zeros before them.
  let place = (point === -1 ? mantissa.length : point) + Number(exponent);
  if (place < 0) {
    figures = '0'.repeat(-place) + figures;
    place = 0;
  }
  const kept = place + digits;
  figures = figures.padEnd(kept + 1, '0');
  const rounded = figures.slice(0, kept).split('').map(Number);
  if (Number(figures[kept]) >= 5) {
    let at = kept - 1;
    while (at >= 0 && rounded[at] === 9) rounded[at--] = 0;
    if (at >= 0) rounded[at]++;
    else {
      rounded.unshift(1);
      place++;
    }
  }
  const whole = rounded.slice(0, place).join('').replace(/^0+(?=\d)/, '') || '0';
  const fraction = rounded.slice(place).join('');
  return `${sign}${whole.replace(/\B(?=(\d{3})+$)/g, ',')}${digits > 0 ? `.${fraction}` : ''}`;
}
