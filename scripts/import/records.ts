// Placeholder: replaced by the import command's module. Exits 2 so no script mistakes it for a run.
export async function run(_args: string[]): Promise<number> {
  console.error('npm run import -- records: not built yet')
  return 2
}
