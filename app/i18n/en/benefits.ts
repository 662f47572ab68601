export const benefits = {} as const;
