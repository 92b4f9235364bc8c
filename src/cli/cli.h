/* Internal: the command line's entry points in the module stakegraph-cli.so, which the program
 * (src/cli/launch.c) loads with dlopen() and finds by these names with dlsym(). */
#ifndef SG_CLI_H
#define SG_CLI_H

#include "util/command.h"

/** The command line: parses `argv` (argc entries, argv[0] the program) and runs the command;
 * returns the exit status (0, 1 for bad input or a failure, 2 for bad usage). */
int sg_cli_main(int argc, char **argv);

/** In the launcher's parent, after the command's child `c` died inside a step or ran out of
 * time there (sg_command_wait returned 1): prints the step's error to standard error, naming
 * the input the child recorded; returns the exit status, 1. */
int sg_cli_contained_failed(sg_command *c, const sg_command_end *end);

#endif
