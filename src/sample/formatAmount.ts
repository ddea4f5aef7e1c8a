// Euro amounts written the way different exports write them: `1 234,50`, `1234,50`, `1234.5`.

export interface AmountStyle {
  decimal: ',' | '.';
  /** Between groups of three digits: '' for none, ' ' as Finnish reports print them. */
  thousands: '' | ' ';
  /** true: always two decimals (`120,00`); false: as few as needed (`120`, `45.5`). */
  fixedDecimals: boolean;
}

/**
 * Formats an amount given in whole cents, exactly (no floating point on the way).
 *
 * @example formatAmount(-123450, { decimal: ',', thousands: ' ', fixedDecimals: true }) // '-1 234,50'
 * @example formatAmount(4550, { decimal: '.', thousands: '', fixedDecimals: false }) // '45.5'
 */
export function formatAmount(cents: number, style: AmountStyle): string {
  const sign = cents < 0 ? '-' : '';
  const magnitude = Math.abs(cents);
  const fraction = magnitude % 100;
  let whole = String((magnitude - fraction) / 100);
  if (style.thousands !== '' && whole.length > 3) whole = whole.replace(/\B(?=(\d{3})+$)/g, style.thousands);
  if (style.fixedDecimals) return `${sign}${whole}${style.decimal}${fraction < 10 ? '0' : ''}${fraction}`;
  if (fraction === 0) return sign + whole;
  if (fraction % 10 === 0) return `${sign}${whole}${style.decimal}${fraction / 10}`;
  return `${sign}${whole}${style.decimal}${fraction < 10 ? '0' : ''}${fraction}`;
}
