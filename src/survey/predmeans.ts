/** `svypredmeans`: R's predictive margins, the mean prediction per level of a factor with the others as observed. */

import { DataError } from "./errors";
import { labelOf, levelsOf } from "./factor";
import { families } from "./glm-fit";
import { meanStatistic, statisticsVcov, weightedSum, type Statistic } from "./statistic";
import { svyglm, type SvyGlm } from "./svyglm";

/** Predictive margins: one per level of the group (R's order: first appearance), with their covariance. */
export interface PredMeans {
  names: string[];
  estimate: number[];
  se: number[];
  vcov: number[][];
}

/**
 * R's `svypredmeans(model, ~group)`: refitted with `group`, each level's mean prediction with every row set to it;
 * covariance that of the means plus Jᵀ V(β) J, J the mean derivative of the predictions.
 * @example svypredmeans(svyglm(dstrat, "sch.wide ~ ell + meals", { family: "quasibinomial" }), "stype").estimate
 */
export function svypredmeans(model: SvyGlm, group: string): PredMeans {
  const d = model.design;
  if (levelsOf(d, group) === null || model.terms.some((t) => t.split(":").includes(group)))
    throw new DataError({
      file: d.source,
      column: group,
      problem: `svypredmeans: "${group}" is not a factor outside the model ${model.formula}`,
      expected: "a factor (text column) not in the model",
    });
  const m = svyglm(d, `${model.formula} + ${group}`, { family: model.family });
  const { p, width, cols, vals } = m.matrix;
  const [n, rows] = [d.n, m.rows];
  const fam = families[m.family];
  const xRow = (i: number) => (rows === null ? i : rows.first[rows.pattern[i]]);
  const codes = Float64Array.from({ length: n }, (_, i) => m.matrix.factorCodes[group][xRow(i)]);
  const inDomain = (i: number) => d.domain === null || d.domain[i] === 1;
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (inDomain(i) && !order.includes(codes[i])) order.push(codes[i]);
  const column = (c: number) => m.names.indexOf(group + labelOf(d, group, c));
  const isGroup = new Uint8Array(p);
  order.forEach((c) => column(c) >= 0 && (isGroup[column(c)] = 1));
  const sw = weightedSum(d, d.weights);
  const stats: Statistic[] = [];
  const jacobian = order.map((g) => {
    const gc = column(g);
    const fits = new Float64Array(n);
    const jac = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      let eta = m.fit.eta[i];
      for (let k = xRow(i) * width, end = k + width; k < end; k++)
        if (cols[k] >= 0 && isGroup[cols[k]]) eta -= m.coefficients[cols[k]] * vals[k];
      if (gc >= 0) eta += m.coefficients[gc];
      fits[i] = fam.linkinv(eta);
      if (!inDomain(i)) continue;
      const dw = (d.weights[i] * fam.muEta(eta)) / sw;
      for (let k = xRow(i) * width, end = k + width; k < end; k++)
        if (cols[k] >= 0 && !isGroup[cols[k]]) jac[cols[k]] += dw * vals[k];
      if (gc >= 0) jac[gc] += dw;
    }
    stats.push(meanStatistic(d, fits));
    return jac;
  });
  const cond = statisticsVcov(d, stats);
  const vcov = jacobian.map((a, r) =>
    jacobian.map((b, s) => {
      let v = cond[r][s];
      for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) v += a[j] * m.vcov[j][k] * b[k];
      return v;
    }),
  );
  return {
    names: order.map((c) => labelOf(d, group, c)),
    estimate: stats.map((s) => s.value),
    se: vcov.map((row, k) => Math.sqrt(row[k])),
    vcov,
  };
}
