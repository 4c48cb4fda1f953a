/** The consumer as a named module. */
module consumer {
  requires dev.stablestructures;
}
