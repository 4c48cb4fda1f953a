/**
 * Not API: hooks for the library's own tools (compatibility vectors, benchmarks), exported by the
 * module only to them. See {@link dev.stablestructures.internal.ToolHooks}.
 */
package dev.stablestructures.internal;
