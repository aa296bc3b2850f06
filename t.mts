import * as g from './src/index.ts';
await g.setBackend('webgpu');
const x = g.tensor([10, 20, 30, 40]);
for (const f of [
  () => g.gather(x, g.tensor([3, 0, 1], { dtype: 'int32' })),
  () => g.gather(x, [3, 0, 1]),
  () => g.scatterAdd ? (g as any).scatterAdd : null,
]) { try { const r = f(); console.log(r && (r as any).data ? await (r as g.Tensor).data() : r); } catch (e) { console.log('ERR', (e as Error).message); } }
await g.disposeBackend('webgpu');
