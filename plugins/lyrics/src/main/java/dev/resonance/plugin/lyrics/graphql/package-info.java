/** {@code Track.lyrics} in the core's GraphQL schema, while this plugin is enabled. */
package dev.resonance.plugin.lyrics.graphql;
