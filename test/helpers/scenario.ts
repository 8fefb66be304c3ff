/** The scenario builders of the testing kit (`cbsim/testing`), as the project's own tests use them. */
export * from '../../src/testing/builders.js';
