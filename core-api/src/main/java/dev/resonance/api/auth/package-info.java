/**
 * Who is calling and what they may do: roles, permissions, the authenticated principal, and the annotations that
 * declare what an HTTP endpoint requires (every endpoint declares exactly one; undeclared endpoints are refused).
 */
@Export
@Version("1.1.0")
package dev.resonance.api.auth;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
