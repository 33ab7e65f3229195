// NHS number format and Modulus 11 check digit (weights 10..2 on digits 1-9).

export function nhsCheckDigit(first9) {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? null : check; // 10: no valid number with these nine digits
}

export function isValidNhsNumber(value) {
  if (typeof value !== 'string' || !/^\d{10}$/.test(value)) return false;
  return nhsCheckDigit(value.slice(0, 9)) === Number(value[9]);
}
