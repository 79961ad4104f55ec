"""Labelled synthetic UK corpora for the benchmarks (code only; data goes to bench/out/)."""
