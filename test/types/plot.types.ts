/**
 * @file Type tests of the plotting API's overloads: compiled (never run) by `npm run typecheck`. `@ts-expect-error`
 * lines fail the compile if the error they expect goes away.
 */
import { expectTypeOf } from 'vitest';
import { type Axes, type Axes3D, Figure, type SubplotOptions } from 'gradtape/plot';

const fig = new Figure({ width: 320, height: 240 });

// the projection picks the axes' type in every form of addSubplot
expectTypeOf(fig.addSubplot()).toEqualTypeOf<Axes>();
expectTypeOf(fig.addSubplot(122)).toEqualTypeOf<Axes>();
expectTypeOf(fig.addSubplot(1, 2, 1)).toEqualTypeOf<Axes>();
expectTypeOf(fig.addSubplot({ projection: '3d', elev: 30 })).toEqualTypeOf<Axes3D>();
expectTypeOf(fig.addSubplot(122, { projection: '3d' })).toEqualTypeOf<Axes3D>();
expectTypeOf(fig.addSubplot(1, 2, 2, { projection: '3d' })).toEqualTypeOf<Axes3D>();

// options held in the exported type, whose projection is known only at run time, are taken by every form
declare const opts: SubplotOptions;
expectTypeOf(fig.addSubplot(opts)).toEqualTypeOf<Axes | Axes3D>();
expectTypeOf(fig.addSubplot(111, opts)).toEqualTypeOf<Axes | Axes3D>();
expectTypeOf(fig.addSubplot(1, 1, 1, opts)).toEqualTypeOf<Axes | Axes3D>();

// @ts-expect-error a projection is '2d' or '3d'
fig.addSubplot({ projection: 'polar' });
