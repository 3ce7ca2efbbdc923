/**
 * The picocli pieces the programs' command lines share: where the Binder is
 * ({@link chat.common.cli.BinderAddressOptions}), the HTTP limits of every serving program
 * ({@link chat.common.cli.HttpLimitOptions}), a listening port ({@link chat.common.cli.ListeningPort}), a secret
 * read from a file ({@link chat.common.cli.SecretFile}), and {@link chat.common.cli.UsageErrors}, which answers a
 * mistaken command line with one line and exit status 2.
 */
package chat.common.cli;
