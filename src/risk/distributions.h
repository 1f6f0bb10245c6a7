// Distribution functions with R's conventions (argument order, tails, the search that
// defines a discrete quantile), computed with Boost.Math. Errors give NaN, never throw.
#pragma once

namespace vaksam::risk {

// qnorm(p): the standard normal quantile.
double qnorm(double p);

// pnorm(x, mean, sd, lower.tail = FALSE).
double pnorm_upper(double x, double mean, double sd);

// qchisq(p, df) and qchisq(p, df, lower.tail = FALSE).
double qchisq_lower(double p, double df);
double qchisq_upper(double p, double df);

// Two-sided p-value of a t statistic: 2 * pt(-|t|, df).
double pt_two_sided(double t, double df);

// qpois(p, lambda) and qnbinom(p, size, prob) as R defines them: the smallest integer y
// with P(X <= y) >= p, with R's fuzz of a few ulps on p so that exact steps are kept.
double qpois(double p, double lambda);
double qnbinom(double p, double size, double prob);

// P(X > q) for Poisson and negative binomial (R's lower.tail = FALSE); 1 for q < 0.
double ppois_upper(double q, double lambda);
double pnbinom_upper(double q, double size, double prob);

}  // namespace vaksam::risk
