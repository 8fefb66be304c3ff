/**
 * Exact steady-state queueing formulas that the simulator is validated against:
 * Erlang B (M/M/n/n), Erlang C (M/M/n) and Erlang A (M/M/n+M, exponential patience).
 *
 * Units: rates are per second, times are in seconds. All functions are pure and
 * deterministic. The KPI definitions match what the simulator measures:
 *
 * - `pWait`: probability an arriving call finds all agents busy (its wait is > 0);
 * - `asa`: mean wait of ANSWERED calls, calls answered at once counting as zero waits;
 * - `serviceLevel`: share of ALL arrivals answered within the threshold (wait ≤ T);
 * - `occupancy`: expected number of busy agents divided by the number of agents.
 */

/** Inputs shared by the Erlang C and Erlang A formulas. */
export interface QueueInputs {
  /** Number of agents (servers), a non-negative integer. */
  agents: number;
  /** Poisson arrival rate λ, calls per second. */
  arrivalRate: number;
  /** Mean of the exponential service (talk) time E[S] = 1/μ, seconds. */
  meanServiceTime: number;
  /** Service-level threshold T, seconds: a call counts if answered with wait ≤ T. */
  serviceLevelThreshold: number;
}

/** Steady-state KPIs of an M/M/n queue (Erlang C). */
export interface ErlangCResult {
  /** Offered load A = λ·E[S], in Erlangs. */
  offeredLoad: number;
  /** Probability an arrival waits (Erlang C formula C(n, A)); 1 when unstable. */
  pWait: number;
  /** Mean wait of answered calls in seconds, zero waits included; Infinity when unstable. */
  asa: number;
  /** Share of arrivals answered within the threshold; 0 when unstable. */
  serviceLevel: number;
  /** Expected busy agents / agents (A/n); 1 when unstable. */
  occupancy: number;
  /** Whether the queue has a steady state (A < n, or no traffic at all). */
  stable: boolean;
}

/** Steady-state KPIs of an M/M/n+M queue (Erlang A: exponential patience). */
export interface ErlangAResult {
  /** Offered load A = λ·E[S], in Erlangs. */
  offeredLoad: number;
  /** Probability an arrival finds all agents busy (waits or abandons). */
  pWait: number;
  /** Probability an arrival abandons before being answered (θ·E[Lq]/λ). */
  pAbandon: number;
  /**
   * Mean wait of answered calls in seconds, zero waits included. NaN when no call
   * is ever answered (no agents).
   */
  asa: number;
  /** Share of all arrivals answered with wait ≤ threshold. */
  serviceLevel: number;
  /** Expected busy agents / agents, λ·(1 − pAbandon)·E[S]/n. */
  occupancy: number;
  /** Expected number of calls waiting in queue, E[Lq]. */
  meanQueueLength: number;
}

/** Terms of the stationary distribution below this share of the total are dropped. */
const STATIONARY_TAIL = 1e-16;
/** Poisson tail mass ignored by the uniformization of the tagged customer's chain. */
const POISSON_TAIL = 1e-13;
/** Hard limit on the states of the Erlang A chain (patience extremely long under overload). */
const MAX_STATES = 50_000_000;
/** Linear-space rescaling of the unnormalised stationary terms, to avoid overflow. */
const BIG = 1e200;
const RESCALE = 1e-200;

function requireInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

function requireFiniteNonNegative(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
  }
}

function validateRates(inputs: Omit<QueueInputs, 'agents'>): void {
  requireFiniteNonNegative('arrivalRate', inputs.arrivalRate);
  if (!Number.isFinite(inputs.meanServiceTime) || !(inputs.meanServiceTime > 0)) {
    throw new RangeError(`meanServiceTime must be a finite number > 0, got ${inputs.meanServiceTime}`);
  }
  if (Number.isNaN(inputs.serviceLevelThreshold) || inputs.serviceLevelThreshold < 0) {
    throw new RangeError(`serviceLevelThreshold must be ≥ 0, got ${inputs.serviceLevelThreshold}`);
  }
}

function validateQueueInputs(inputs: QueueInputs): void {
  requireInteger('agents', inputs.agents);
  validateRates(inputs);
}

/**
 * Erlang B blocking probability B(n, A) of an M/M/n/n loss system, by the stable
 * recurrence B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)). Works for n in the thousands.
 */
export function erlangB(agents: number, offeredLoad: number): number {
  requireInteger('agents', agents);
  requireFiniteNonNegative('offeredLoad', offeredLoad);
  let b = 1;
  for (let k = 1; k <= agents; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
  return b;
}

/** Erlang C KPIs for a stable queue (0 ≤ A < n) given B(n, A). */
function erlangCFromB(
  n: number,
  b: number,
  offeredLoad: number,
  meanServiceTime: number,
  threshold: number,
): ErlangCResult {
  const c = (n * b) / (n - offeredLoad * (1 - b));
  const drain = (n - offeredLoad) / meanServiceTime; // nμ − λ, per second
  return {
    offeredLoad,
    pWait: c,
    asa: c / drain,
    serviceLevel: 1 - c * Math.exp(-drain * threshold),
    occupancy: offeredLoad / n,
    stable: true,
  };
}

/**
 * Erlang C (M/M/n) KPIs: pWait = C(n, A) computed from Erlang B, ASA = C/(nμ − λ),
 * service level = 1 − C·e^{−(nμ−λ)T}, occupancy = A/n. When A ≥ n the queue is
 * unstable: pWait 1, ASA Infinity, service level 0, occupancy 1, stable false.
 */
export function erlangC(inputs: QueueInputs): ErlangCResult {
  validateQueueInputs(inputs);
  const { agents: n, arrivalRate, meanServiceTime, serviceLevelThreshold } = inputs;
  const offeredLoad = arrivalRate * meanServiceTime;
  if (arrivalRate === 0) {
    return { offeredLoad: 0, pWait: 0, asa: 0, serviceLevel: 1, occupancy: 0, stable: true };
  }
  if (offeredLoad >= n) {
    return { offeredLoad, pWait: 1, asa: Infinity, serviceLevel: 0, occupancy: 1, stable: false };
  }
  return erlangCFromB(n, erlangB(n, offeredLoad), offeredLoad, meanServiceTime, serviceLevelThreshold);
}

/**
 * Poisson(x) probabilities for m = 0..M as an array, where the mass above M is below
 * POISSON_TAIL. Computed outward from the mode by ratio recurrences, then normalised,
 * so it is stable for large x (no e^{−x} underflow, no large powers or factorials).
 */
function poissonWeights(x: number): Float64Array {
  if (x === 0) return Float64Array.of(1);
  const mode = Math.floor(x);
  // Upward from the mode: u(m+1) = u(m)·x/(m+1).
  const up: number[] = [1];
  let sum = 1;
  for (let m = mode, u = 1; ; m++) {
    const q = x / (m + 1);
    if (q < 1 && (u * q) / (1 - q) < POISSON_TAIL * sum) break;
    u *= q;
    up.push(u);
    sum += u;
  }
  // Downward from the mode: u(m−1) = u(m)·m/x.
  const down: number[] = [];
  for (let m = mode, u = 1; m > 0; m--) {
    const q = m / x;
    if (q < 1 && (u * q) / (1 - q) < POISSON_TAIL * sum) break;
    u *= q;
    down.push(u);
    sum += u;
  }
  const weights = new Float64Array(mode + up.length); // indexes 0..mode+up.length−1
  for (let j = 0; j < down.length; j++) weights[mode - 1 - j] = down[j] / sum;
  for (let j = 0; j < up.length; j++) weights[mode + j] = up[j] / sum;
  return weights;
}

/**
 * Erlang A (M/M/n+M) KPIs, computed exactly from the birth–death chain of the number
 * of calls present (birth rate λ, death rate min(k,n)·μ + max(k−n,0)·θ with θ =
 * 1/meanPatience), truncating the tail once its mass is provably below 1e-16 of the
 * total. pWait = P(k ≥ n) by PASTA; pAbandon = θ·E[Lq]/λ. ASA and service level use
 * the tagged customer who finds i0 = k − n calls ahead: at position i it leaves at
 * rate r_i = nμ + (i+1)θ, moving forward with probability (nμ+iθ)/r_i and abandoning
 * otherwise, so P(served | i0) = Π (nμ+iθ)/r_i and E[W | served, i0] = Σ 1/r_i. The
 * probability of being answered within T is found by uniformization of that chain.
 *
 * meanPatience = Infinity (θ = 0) is Erlang C exactly (pAbandon 0; with A ≥ n it is
 * unstable: pWait 1, ASA and meanQueueLength Infinity, service level 0, occupancy 1).
 * With θ > 0 the queue is stable for any load.
 */
export function erlangA(inputs: QueueInputs & { meanPatience: number }): ErlangAResult {
  validateQueueInputs(inputs);
  const { agents: n, arrivalRate: lambda, meanServiceTime, serviceLevelThreshold: threshold } = inputs;
  const { meanPatience } = inputs;
  if (Number.isNaN(meanPatience) || !(meanPatience > 0)) {
    throw new RangeError(`meanPatience must be > 0 (Infinity for callers who never hang up), got ${meanPatience}`);
  }
  const offeredLoad = lambda * meanServiceTime;
  if (lambda === 0) {
    return { offeredLoad: 0, pWait: 0, pAbandon: 0, asa: 0, serviceLevel: 1, occupancy: 0, meanQueueLength: 0 };
  }
  const theta = meanPatience === Infinity ? 0 : 1 / meanPatience;
  if (theta === 0) {
    const c = erlangC(inputs);
    if (!c.stable) {
      return {
        offeredLoad,
        pWait: 1,
        pAbandon: 0,
        asa: Infinity,
        serviceLevel: 0,
        occupancy: 1,
        meanQueueLength: Infinity,
      };
    }
    return {
      offeredLoad,
      pWait: c.pWait,
      pAbandon: 0,
      asa: c.asa,
      serviceLevel: c.serviceLevel,
      occupancy: c.occupancy,
      meanQueueLength: (c.pWait * offeredLoad) / (n - offeredLoad),
    };
  }

  const mu = 1 / meanServiceTime;
  const nMu = n * mu;
  const birthDeathRatio = (k: number): number => lambda / (k <= n ? k * mu : nMu + (k - n) * theta);

  // Pass 1: find the truncation point kMax and the normalising total. Terms are kept in
  // linear space, rescaled by 1e-200 whenever they exceed 1e200. The ratios t(k+1)/t(k)
  // never increase with k, so once the next ratio ρ is < 1 the whole remaining tail is
  // at most t(k)·ρ/(1−ρ): stopping there is a guaranteed bound, not a heuristic.
  let term = 1;
  let total = 1;
  let rescales = 0;
  let kMax = 0;
  for (;;) {
    const ratio = birthDeathRatio(kMax + 1);
    if (ratio < 1 && (term * ratio) / (1 - ratio) < STATIONARY_TAIL * total) break;
    if (++kMax > MAX_STATES) {
      throw new RangeError('erlangA: state space too large (patience far too long for this load)');
    }
    term *= ratio;
    if (term > BIG) {
      term *= RESCALE;
      total *= RESCALE;
      rescales++;
    }
    total += term;
  }

  // Uniformization set-up for the tagged customer's chain (positions 0..lastPosition).
  const lastPosition = kMax - n; // −1 when the truncated chain never fills the agents
  const fastest = nMu + (lastPosition + 1) * theta; // Λ = max r_i over the positions used
  const weights =
    lastPosition >= 0 && threshold !== Infinity ? poissonWeights(fastest * threshold) : new Float64Array(0);
  // A customer at position i needs i+1 moves to reach service: positions ≥ number of
  // uniformized steps (weights.length − 1) cannot be served within T.
  const slPositions = Math.min(lastPosition, weights.length - 2) + 1;
  const queueHead = new Float64Array(Math.max(slPositions, 0)); // π_{n+i}, i < slPositions

  // Pass 2: replay the same arithmetic to get normalised π_k and accumulate the KPIs.
  let pNoWait = 0;
  let pWait = 0;
  let meanQueueLength = 0;
  let servedAfterWaiting = 0; // Σ_{k≥n} π_k P(served | k−n)
  let waitOfServed = 0; // Σ_{k≥n} π_k P(served | k−n) E[W | served, k−n]
  let pServed = 1;
  let meanWaitIfServed = 0;
  term = 1;
  let scale = 0;
  for (let k = 0; k <= kMax; k++) {
    if (k > 0) {
      term *= birthDeathRatio(k);
      if (term > BIG) {
        term *= RESCALE;
        scale++;
      }
    }
    const p = (scale === rescales ? term : term * RESCALE ** (rescales - scale)) / total;
    if (k < n) {
      pNoWait += p;
      continue;
    }
    const i = k - n;
    const leaveRate = nMu + (i + 1) * theta;
    pServed *= (nMu + i * theta) / leaveRate;
    meanWaitIfServed += 1 / leaveRate;
    pWait += p;
    meanQueueLength += i * p;
    servedAfterWaiting += p * pServed;
    waitOfServed += p * pServed * meanWaitIfServed;
    if (i < slPositions) queueHead[i] = p;
  }

  const pAbandon = Math.min(1, (theta * meanQueueLength) / lambda);
  const answered = pNoWait + servedAfterWaiting;
  const asa = answered > 0 ? waitOfServed / answered : NaN;
  const occupancy = n > 0 ? Math.min(1, (lambda * (1 - pAbandon) * meanServiceTime) / n) : 0;

  let serviceLevel: number;
  if (threshold === Infinity) {
    serviceLevel = answered;
  } else {
    serviceLevel = pNoWait;
    if (slPositions > 0) {
      serviceLevel += answeredWithin(queueHead, weights, nMu, theta, fastest);
    }
  }
  return {
    offeredLoad,
    pWait: Math.min(1, pWait),
    pAbandon,
    asa,
    serviceLevel: Math.min(1, Math.max(0, serviceLevel)),
    occupancy,
    meanQueueLength,
  };
}

/**
 * Σ_i queueHead[i]·P(served within T | i customers ahead), by uniformization at rate
 * Λ (= fastest) of the tagged customer's chain, with Poisson(ΛT) step weights.
 * f_m(i) = P(served within m uniformized steps | position i) follows the backward
 * recursion f_{m+1}(i) = [i=0]·nμ/Λ + (1 − r_i/Λ)·f_m(i) + [i>0]·(nμ+iθ)/Λ·f_m(i−1).
 */
function answeredWithin(
  queueHead: Float64Array,
  weights: Float64Array,
  nMu: number,
  theta: number,
  fastest: number,
): number {
  const positions = queueHead.length;
  const stay = new Float64Array(positions);
  const forward = new Float64Array(positions);
  for (let i = 0; i < positions; i++) {
    stay[i] = (fastest - (nMu + (i + 1) * theta)) / fastest;
    forward[i] = (nMu + i * theta) / fastest;
  }
  const f = new Float64Array(positions); // f_0 = 0
  const within = new Float64Array(positions);
  const steps = weights.length - 1;
  for (let m = 0; ; m++) {
    // f_m(i) = 0 for i ≥ m: at least i+1 steps are needed to reach service.
    const reach = Math.min(positions, m);
    const w = weights[m];
    if (w > 0) for (let i = 0; i < reach; i++) within[i] += w * f[i];
    if (m === steps) break;
    for (let i = Math.min(positions - 1, m); i >= 1; i--) f[i] = stay[i] * f[i] + forward[i] * f[i - 1];
    f[0] = forward[0] + stay[0] * f[0];
  }
  let sum = 0;
  for (let i = 0; i < positions; i++) sum += queueHead[i] * within[i];
  return sum;
}

/**
 * Smallest number of agents n for which the M/M/n queue is stable (A < n) and its
 * Erlang C service level is ≥ target (0–1). Returns 0 when there is no traffic.
 * Searches upward with the Erlang B recurrence carried along, so it costs O(n).
 * Throws a RangeError when no n ≤ maxAgents (default 100 000) meets the target.
 */
export function agentsForServiceLevel(
  inputs: Omit<QueueInputs, 'agents'> & { target: number },
  maxAgents = 100_000,
): number {
  validateRates(inputs);
  const { arrivalRate, meanServiceTime, serviceLevelThreshold, target } = inputs;
  if (Number.isNaN(target) || target < 0 || target > 1) {
    throw new RangeError(`target must be between 0 and 1, got ${target}`);
  }
  requireInteger('maxAgents', maxAgents);
  if (arrivalRate === 0) return 0;
  const offeredLoad = arrivalRate * meanServiceTime;
  let b = 1;
  for (let n = 1; n <= maxAgents; n++) {
    b = (offeredLoad * b) / (n + offeredLoad * b);
    if (offeredLoad >= n) continue;
    const { serviceLevel } = erlangCFromB(n, b, offeredLoad, meanServiceTime, serviceLevelThreshold);
    if (serviceLevel >= target) return n;
  }
  throw new RangeError(
    `no agent count up to ${maxAgents} reaches service level ${target} (offered load ${offeredLoad} E)`,
  );
}
