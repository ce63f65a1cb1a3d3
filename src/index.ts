// Public surface of cdktf-wif. The pure model is always loaded; cloud constructs load their
// provider modules only when first used (see src/constructs/).
export * from "./trust";
