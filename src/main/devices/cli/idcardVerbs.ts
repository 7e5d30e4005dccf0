/** ID card reader verbs: list, read-card, simulate id-reader. (Filled in as the driver lands.) */
export {};
