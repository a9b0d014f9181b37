/** Bad input the user gave (a file that does not parse, a snapshot that does not exist): exit 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}
