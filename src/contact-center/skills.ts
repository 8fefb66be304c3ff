/**
 * Skill sets required by interactions, interned to small ids (0 = no skill
 * required), and which agents have them, with what proficiency.
 */
export class SkillBook {
  private readonly setIds = new Map<string, number>();
  private readonly sets: string[][] = [[]];
  private readonly qualifiedBySet: Uint8Array[];
  private readonly proficiencyBySet: Float64Array[];

  constructor(private readonly agentSkills: ReadonlyArray<Readonly<Record<string, number>>>) {
    this.setIds.set('', 0);
    this.qualifiedBySet = [new Uint8Array(agentSkills.length).fill(1)];
    this.proficiencyBySet = [new Float64Array(agentSkills.length)];
  }

  /** The id of the set of skills `skills` (order and repeats do not matter). */
  setOf(skills: readonly string[]): number {
    const names = [...new Set(skills)].sort();
    const key = names.join('\u0000');
    let id = this.setIds.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.setIds.set(key, id);
      this.sets.push(names);
      const qualified = new Uint8Array(this.agentSkills.length);
      const proficiency = new Float64Array(this.agentSkills.length);
      this.agentSkills.forEach((has, agent) => {
        qualified[agent] = names.every((n) => n in has) ? 1 : 0;
        proficiency[agent] = names.reduce((sum, n) => sum + (has[n] ?? 0), 0);
      });
      this.qualifiedBySet.push(qualified);
      this.proficiencyBySet.push(proficiency);
    }
    return id;
  }

  /** The skills of set `set`. */
  skillsOf(set: number): readonly string[] {
    return this.sets[set];
  }

  /** Whether `agent` has every skill of set `set`. */
  qualified(agent: number, set: number): boolean {
    return this.qualifiedBySet[set][agent] === 1;
  }

  /** The sum of `agent`'s proficiencies in the skills of set `set`. */
  proficiency(agent: number, set: number): number {
    return this.proficiencyBySet[set][agent];
  }
}
