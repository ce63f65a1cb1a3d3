import { Testing } from "cdktf";

// Registers cdktf's jest matchers (toHaveResourceWithProperties, ...).
Testing.setupJest();
