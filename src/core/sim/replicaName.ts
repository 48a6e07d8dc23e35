const PRIMES = ['', '′', '″', '‴', '⁗']
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹'

/** A, A′, A″, A‴, A⁗, then A⁽⁵⁾, A⁽⁶⁾…: the replica with id n is the n-th copy of A. */
export const replicaName = (id: number): string =>
  id < PRIMES.length ? `A${PRIMES[id]}` : `A⁽${[...String(id)].map((d) => SUPERSCRIPT[Number(d)]).join('')}⁾`
